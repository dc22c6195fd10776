/** Durable storage: the JDBC connection pool, schema migrations and the guard that keeps blocking JDBC off event loops. */
package io.landline.storage;
