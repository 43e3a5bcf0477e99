/** {@code /t/{token}}: the open pixel and click redirects that tracked messages link to, served without login. */
package io.outpost.web.tracking;
