/** {@code /api/v1/stats}: a tenant's sending and engagement statistics per day, tag and sending domain. */
package io.outpost.web.stats;
