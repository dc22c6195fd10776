/** The provider half of the SDK: send notifications through the APNs-compatible API and read their receipts. */
package io.landline.client.provider;
