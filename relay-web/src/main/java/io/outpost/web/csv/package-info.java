/** Imports of CSV bodies a row at a time (suppression lists, audiences' subscribers). Depends on {@code problem}. */
package io.outpost.web.csv;
