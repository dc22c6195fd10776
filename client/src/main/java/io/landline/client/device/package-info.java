/** The device side of activation: make a key pair and a CSR, activate against a node, keep the result as PEM files. */
package io.landline.client.device;
