/** Network value types shared by every listener: port ranges and addresses. */
package io.landline.net;
