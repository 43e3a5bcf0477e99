package io.outpost.api.plugin;

/**
 * Why a message is sent, as its tenant declared it: suppression rules differ (an unsubscribe stops marketing, not a
 * password reset).
 */
public enum MessageKind {
    /** Triggered by the recipient's own action: receipts, password resets, notifications. */
    TRANSACTIONAL,
    /** Sent in bulk to a list: newsletters, campaigns (RFC 8058 one-click unsubscribe applies). */
    MARKETING
}
