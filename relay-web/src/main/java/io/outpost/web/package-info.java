/**
 * The HTTP face of Outpost: JAX-RS resources and their JSON shapes. Resources call the engine's beans in relay-ejb and
 * never touch JPA or sockets themselves.
 */
package io.outpost.web;
