package io.landline.gateway.mqtt;

/** A CONNECT refused for {@link #ending()}: the failure value of authentication. */
final class Refusal extends RuntimeException {

    private final Ending ending;

    Refusal(Ending ending, String why) {
        super(why, null, false, false);
        this.ending = ending;
    }

    Ending ending() {
        return ending;
    }
}
