/**
 * What every page Outpost serves to a recipient's browser shares (the unsubscribe page, an audience's form, the
 * confirmation of a subscription): a self-contained layout and the headers that keep it inert. Depends on the Servlet API and {@code problem}.
 */
package io.outpost.web.hosted;
