/** Which peers a TURN allocation may relay to: the special-purpose deny list and the operator's allow list. */
package io.landline.relay.turn.policy;
