/** Operator-signed enrollment tokens that have been used, remembered until they expire so each activates one device. */
package io.landline.enrollment;
