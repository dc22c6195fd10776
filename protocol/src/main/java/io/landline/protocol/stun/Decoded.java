package io.landline.protocol.stun;

/** A successful decode. */
public record Decoded<T>(T value) implements DecodeResult<T> {

    @Override
    public T orElseThrow() {
        return value;
    }
}
