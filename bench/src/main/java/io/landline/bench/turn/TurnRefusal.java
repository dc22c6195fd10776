package io.landline.bench.turn;

/** A TURN request the server answered with an error, or answered in a way a client cannot use. */
final class TurnRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TurnRefusal(String message) {
        super(message, null, false, false);
    }
}
