/**
 * Open and click tracking: links and an open pixel put into a message's HTML before it is signed, each carrying a
 * token only this relay can make; the hits on them, told from a person's by what machines do (mail privacy proxies,
 * image proxies, link scanners), recorded as OPENED and CLICKED events. Depends on {@code content}, {@code queue} and
 * jsoup.
 */
package io.outpost.relay.tracking;
