/** The tenant API of suppression lists ({@code /api/v1/suppressions}, issue 11). */
package io.outpost.web.suppressions;
