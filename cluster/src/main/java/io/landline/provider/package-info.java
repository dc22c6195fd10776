/** Provider signing keys: which team may push with which ES256 key, to which topics. */
package io.landline.provider;
