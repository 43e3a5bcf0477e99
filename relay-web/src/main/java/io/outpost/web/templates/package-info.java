/** {@code /api/v1/templates}: a tenant's versioned message templates, and their preview with sample data. */
package io.outpost.web.templates;
