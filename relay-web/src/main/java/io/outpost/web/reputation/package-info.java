/** The bulk pauses of sending domains whose complaint or hard-bounce rate went too high: listed, and resumed. */
package io.outpost.web.reputation;
