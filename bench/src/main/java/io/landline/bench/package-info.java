/** Benchmarks run by hand; their results and exact commands are in docs/benchmarks.md. */
package io.landline.bench;
