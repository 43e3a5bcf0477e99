/** Reading JSON request bodies into values, with every unusable field named in one problem+json answer. */
package io.outpost.web.json;
