/**
 * Benchmarks of our own client against a simulator or a real pool; plain Java, no JavaFX. They print
 * figures and assert nothing; the last line of each is {@code key=value} pairs for scripts.
 */
package org.xapicenter.bench;
