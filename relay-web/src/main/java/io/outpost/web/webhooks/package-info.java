/** A tenant's webhook endpoints over HTTP: registered (secret shown once), listed, logs read, replayed, removed. */
package io.outpost.web.webhooks;
