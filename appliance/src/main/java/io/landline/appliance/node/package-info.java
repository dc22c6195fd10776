/** A running node: start order, readiness, status and an orderly stop. */
package io.landline.appliance.node;
