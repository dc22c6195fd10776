/** Device tokens: the 256-bit names of devices on the wire. */
package io.landline.protocol.token;
