package io.landline.client.device;

/** The device keys a Landline node certifies. */
public enum DeviceKeyType {
    /** EC on P-256 (prime256v1), CSR signed SHA256withECDSA. */
    P256,
    /** Ed25519 (RFC 8410), CSR signed Ed25519. */
    ED25519
}
