package io.github.smsotp.sender;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.smsotp.phone.CallingCodes;

/**
 * Which sender takes a number, by its country calling code: the {@code routes} setting, e.g.
 * {@code 1 -> http@us; 49,43,41 -> http@eu; * -> sns}. A target is a sender id, optionally with
 * {@code @name}: the route's settings are then those stored under {@code <name>.} instead of
 * {@code <sender id>.}, so that one sender (the HTTP gateway) serves several providers. A route's
 * name (the name, or else the sender id) is what events, metrics and receipt addresses call it.
 * {@code *} takes every number no other route takes; without it, such numbers go to the step's
 * {@code sender}.
 */
public record SenderRoutes(List<Route> routes) {

    public static final SenderRoutes NONE = new SenderRoutes(List.of());

    /**
     * One route.
     *
     * @param codes    the calling codes it takes; {@link CallingCodes#ALL} for {@code *}
     * @param senderId the installed sender
     * @param name     whose settings it uses, and what it is called
     */
    public record Route(CallingCodes codes, String senderId, String name) {
    }

    /**
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static SenderRoutes parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Route> routes = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        boolean wildcard = false;
        for (String entry : text.split("[;\\n]+")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] sides = entry.split("->", -1);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not a route like '49,43 -> http@eu'");
            }
            Route route = route(sides[0].trim(), sides[1].trim());
            if (route.codes().codes().isEmpty()) {
                if (wildcard) {
                    throw new IllegalArgumentException("'*' has two routes");
                }
                wildcard = true;
            }
            for (int code : route.codes().codes()) {
                if (!taken.add(code)) {
                    throw new IllegalArgumentException("calling code " + code + " has two routes");
                }
            }
            routes.add(route);
        }
        return new SenderRoutes(List.copyOf(routes));
    }

    /** The route that takes a number: the one naming its calling code, else {@code *}, else none. */
    public Optional<Route> routeFor(String e164) {
        return routes.stream().filter(r -> !r.codes().codes().isEmpty() && r.codes().allows(e164)).findFirst()
                .or(() -> routes.stream().filter(r -> r.codes().codes().isEmpty()).findFirst());
    }

    /** The route called {@code name}, for the receipts of its messages. */
    public Optional<Route> named(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static Route route(String codes, String target) {
        String[] parts = target.split("@", -1);
        if (parts.length > 2 || !parts[0].matches("[a-z0-9][a-z0-9-]*")
                || (parts.length == 2 && !parts[1].matches("[a-z0-9][a-z0-9-]*"))) {
            throw new IllegalArgumentException("'" + target + "' is not a sender like 'sns' or 'http@eu' (lower-case "
                    + "letters, digits and -)");
        }
        CallingCodes parsed = codes.equals("*") ? CallingCodes.ALL : CallingCodes.parse(codes);
        return new Route(parsed, parts[0], parts.length == 2 ? parts[1] : parts[0]);
    }
}
