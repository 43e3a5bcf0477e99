/**
 * The web UI (issue 12): a single-page app in {@code src/main/ui}, built by Vite into the WAR under {@code /ui}, that
 * calls the tenant API with a signed-in user's session ({@code web.account}); here only the headers its files are
 * served with.
 */
package io.outpost.web.ui;
