/** {@code /api/v1/topics}: the topics of a tenant's bulk mail, its recipients' choices on the unsubscribe page. */
package io.outpost.web.topics;
