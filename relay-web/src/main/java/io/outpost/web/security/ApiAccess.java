package io.outpost.web.security;

import io.outpost.relay.account.UserRole;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a resource of the tenant API is for, which a signed-in user's role is held to ({@link SessionPermissions}).
 * Without it a resource is {@link UserRole.Access#SENDING}. Decided on the resource the request was matched to, never on
 * the spelling of its path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ApiAccess {
    UserRole.Access value();
}
