package io.github.smsotp.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smsotp.sender.SenderRoutes.Route;
import org.junit.jupiter.api.Test;

class SenderRoutesTest {

    private static final SenderRoutes ROUTES = SenderRoutes.parse("1 -> http@us; 49,43,41 -> http@eu\n* -> sns");

    @Test
    void eachCountryGoesToItsRouteAndTheRestToTheWildcard() {
        assertThat(ROUTES.routeFor("+12015550123")).map(Route::name).contains("us");
        assertThat(ROUTES.routeFor("+4915123456789")).map(Route::name).contains("eu");
        assertThat(ROUTES.routeFor("+41446681800")).map(Route::senderId).contains("http");
        assertThat(ROUTES.routeFor("+442071838750")).map(Route::name).contains("sns");
    }

    @Test
    void withoutAWildcardOtherCountriesHaveNoRoute() {
        SenderRoutes routes = SenderRoutes.parse("49 -> http@eu");

        assertThat(routes.routeFor("+12015550123")).isEmpty();
        assertThat(SenderRoutes.parse("  ").routeFor("+12015550123")).isEmpty();
    }

    @Test
    void aRouteWithoutANameIsCalledByItsSendersId() {
        assertThat(ROUTES.named("sns")).map(Route::senderId).contains("sns");
        assertThat(ROUTES.named("eu")).map(Route::senderId).contains("http");
        assertThat(ROUTES.named("http")).isEmpty();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> SenderRoutes.parse("49 http@eu")).hasMessageContaining("'49 http@eu' is not a route");
        assertThatThrownBy(() -> SenderRoutes.parse("49 -> http@eu; 49 -> sns"))
                .hasMessageContaining("calling code 49 has two routes");
        assertThatThrownBy(() -> SenderRoutes.parse("* -> sns; * -> log")).hasMessageContaining("'*' has two routes");
        assertThatThrownBy(() -> SenderRoutes.parse("1 -> HTTP@us")).hasMessageContaining("'HTTP@us' is not a sender");
        assertThatThrownBy(() -> SenderRoutes.parse("1 -> http@us@eu")).hasMessageContaining("is not a sender");
        assertThatThrownBy(() -> SenderRoutes.parse("usa -> sns")).hasMessageContaining("'usa' is not a country calling code");
    }
}
