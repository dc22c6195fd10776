package io.landline.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    @Test
    void aSingleWholeTreeFilterIsOneSharedValueForEverySession() {
        Subscriptions first = Subscriptions.NONE.with(new String("push/#"), 1);
        Subscriptions second = Subscriptions.NONE.with(new String("push/#"), 1);

        assertThat(second).isSameAs(first);
        assertThat(Subscriptions.NONE.with("call/#", 0)).isSameAs(Subscriptions.NONE.with("call/#", 0));
        assertThat(Subscriptions.decode("1 push/#\n")).isSameAs(first);
        assertThat(first.coversPush()).isTrue();
        assertThat(first.matches("push/com.example.app")).isTrue();
    }

    @Test
    void otherFiltersAndQosGetTheirOwnValue() {
        Subscriptions narrow = Subscriptions.NONE.with("push/com.example.app", 1);

        assertThat(Subscriptions.NONE.with("push/com.example.app", 1)).isNotSameAs(narrow).isEqualTo(narrow);
        assertThat(Subscriptions.NONE.with("push/#", 0)).isNotEqualTo(Subscriptions.NONE.with("push/#", 1));
    }

    @Test
    void changingASharedValueLeavesItAsItWas() {
        Subscriptions shared = Subscriptions.NONE.with("push/#", 1);

        Subscriptions both = shared.with("call/#", 1);
        Subscriptions downgraded = shared.with("push/#", 0);

        assertThat(both.filters()).containsExactly("push/#", "call/#");
        assertThat(downgraded.qos()).containsExactly(0);
        assertThat(shared.filters()).containsExactly("push/#");
        assertThat(shared.qos()).containsExactly(1);
        assertThat(Subscriptions.NONE.with("push/#", 1)).isSameAs(shared);
        assertThat(shared.without("push/#")).isSameAs(Subscriptions.NONE);
        assertThat(both.without("push/#").filters()).containsExactly("call/#");
        assertThat(shared.without("call/#")).isSameAs(shared);
    }

    @Test
    void encodeAndDecodeRoundTrip() {
        Subscriptions both = Subscriptions.NONE.with("push/#", 1).with("call/+/offer", 0);

        assertThat(Subscriptions.decode(both.encode())).isEqualTo(both);
    }
}
