/** TURN allocations as state (RFC 8656 §2.2, §9, §12): five-tuples, permissions, channel bindings, lifetimes and quotas, without sockets or bytes. */
package io.landline.relay.turn.allocation;
