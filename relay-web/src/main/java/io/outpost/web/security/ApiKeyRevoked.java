package io.outpost.web.security;

/** A CDI event: the admin API revoked the API key {@code keyId}, so no cache on this node may still accept it. */
public record ApiKeyRevoked(String keyId) {}
