/**
 * A sending domain's reputation as receivers see it: its complaint and hard-bounce rates over the last days, from the
 * statistics, and the pause of its bulk mail when a rate passes its threshold (Gmail and Yahoo refuse bulk senders
 * whose complaint rate passes 0.3 %), until an administrator resumes it. Depends on {@code config}.
 */
package io.outpost.relay.reputation;
