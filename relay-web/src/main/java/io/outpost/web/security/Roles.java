package io.outpost.web.security;

/** The roles of the REST API and the realms their challenges name. Declared in web.xml. */
public final class Roles {

    /** Operators: the admin API under {@code /api/v1/admin}, authenticated with HTTP Basic. */
    public static final String ADMIN = "admin";

    /** A tenant's own API, authenticated with one of its API keys as a Bearer token; the caller is the tenant id. */
    public static final String TENANT = "tenant";

    /** The realm of the Basic challenge on the admin API. */
    public static final String ADMIN_REALM = "outpost-admin";

    /** The realm of the Bearer challenge everywhere else. */
    public static final String TENANT_REALM = "outpost";

    private Roles() {}
}
