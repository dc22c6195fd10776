/** Activated devices: who holds which token and certificate, and whether it has been revoked. */
package io.landline.device;
