/**
 * Mail values every layer and every plugin shares: domains, addresses, reverse paths and SMTP replies. Each validates
 * on construction, so a value that exists is well formed. Depends on nothing but the JDK.
 */
package io.outpost.api.mail;
