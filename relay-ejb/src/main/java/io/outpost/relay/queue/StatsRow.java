package io.outpost.relay.queue;

import java.time.LocalDate;

/**
 * One day of a tenant's statistics, for all its mail or one tag or sending domain.
 *
 * @param value the tag or sending domain; empty for all mail
 * @param sent recipients queued
 * @param bouncedHard of the bounced, those whose address does not exist
 * @param complained complaint reports received
 * @param unsubscribed readers who left through a message's link or its one-click header
 */
public record StatsRow(
        LocalDate day,
        String value,
        long sent,
        long delivered,
        long deferred,
        long bounced,
        long openedHuman,
        long openedMachine,
        long clickedHuman,
        long clickedMachine,
        long bouncedHard,
        long complained,
        long unsubscribed) {}
