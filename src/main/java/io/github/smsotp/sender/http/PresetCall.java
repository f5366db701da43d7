package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A provider preset's request, with how the provider words an acceptance and a refusal. */
record PresetCall(HttpRequest request, Duration timeout, Function<String, Optional<String>> messageIds,
                  BiFunction<Integer, String, Optional<String>> refusals) implements GatewayCall {

    @Override
    public URI url() {
        return request.uri();
    }

    @Override
    public Optional<String> failure(int status, String body) {
        return refusals.apply(status, body);
    }

    @Override
    public Optional<String> messageId(String body) {
        return messageIds.apply(body);
    }
}
