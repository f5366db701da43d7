package io.github.smsotp.step;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One of Keycloak's wide interfaces answering only the methods a test names, so that the test shows
 * exactly what the code under test touches: any other call fails with the method's name.
 */
final class StrictDouble<T> {

    private final Class<T> type;
    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();

    private StrictDouble(Class<T> type) {
        this.type = type;
    }

    static <T> StrictDouble<T> of(Class<T> type) {
        return new StrictDouble<>(type);
    }

    /** Every overload of {@code method} answers with {@code answer} applied to the call's arguments. */
    StrictDouble<T> answer(String method, Function<Object[], Object> answer) {
        answers.put(method, answer);
        return this;
    }

    StrictDouble<T> returning(String method, Object value) {
        return answer(method, args -> value);
    }

    T build() {
        return type.cast(Proxy.newProxyInstance(StrictDouble.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Function<Object[], Object> answer = answers.get(method.getName());
                    if (answer != null) {
                        return answer.apply(args == null ? new Object[0] : args);
                    }
                    return switch (method.getName()) {
                        case "toString" -> type.getSimpleName() + " double";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(
                                type.getSimpleName() + "." + method.getName());
                    };
                }));
    }
}
