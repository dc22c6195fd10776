/** The device side: make a key pair and a CSR, activate against a node, keep the result as PEM files, and receive notifications over MQTT 5. */
package io.landline.client.device;
