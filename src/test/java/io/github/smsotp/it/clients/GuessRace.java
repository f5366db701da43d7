package io.github.smsotp.it.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.github.smsotp.it.clients.Browser.Page;

/**
 * Racers that post to one login at once, each from its own copy of the login's cookies. Every
 * answer is noted with {@link KeycloakFormRaces}, so a test can check that each server error was
 * Keycloak's own.
 */
public final class GuessRace {

    public static final String WRONG_CODE = "That code is not right.";

    private final KeycloakFormRaces keycloakRaces;

    public GuessRace(KeycloakFormRaces keycloakRaces) {
        this.keycloakRaces = keycloakRaces;
    }

    /**
     * {@code guesses} racers post the same guess at once, in waves: Keycloak accepts a post only with
     * the login's current action code, and every page it renders makes a new one, so of each wave
     * only the posts that reach it together are checked and the others are bounced. Each wave takes
     * the current form and sends the guesses not yet checked; racer {@code i} of a wave posts to the
     * form's action as {@code routes[i % routes.length]} rewrites it (to spread a wave over nodes).
     * Returns the answers of the checked guesses.
     */
    public List<Page> guess(SmsLogin session, int guesses, Page codePage, String guess, List<UnaryOperator<String>> routes)
            throws Exception {
        List<Page> checkedAnswers = new ArrayList<>();
        for (int wave = 0; wave < 60 && checkedAnswers.size() < guesses; wave++) {
            Page form = session.reload(codePage);
            String formId = form.has("#kc-sms-otp-form") ? "kc-sms-otp-form" : "kc-sms-otp-resend-form";
            String action = form.form(formId).absUrl("action");
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < guesses - checkedAnswers.size(); i++) {
                targets.add(routes.get(i % routes.size()).apply(action));
            }
            List<Page> answers = together(targets.size(), targets.iterator()::next, target -> {
                Browser racer = session.browser().copy();
                return () -> keycloakRaces.note(racer.post(target, Map.of("code", guess)));
            });
            answers.stream().filter(GuessRace::checked).forEach(checkedAnswers::add);
        }
        return checkedAnswers;
    }

    /**
     * {@code racers} post the form at once from copies of the session's cookies; returns how many were
     * signed in, and prints what the others were answered when none was (Keycloak's own outcome).
     */
    public int race(Browser session, int racers, String action, Map<String, String> form) throws Exception {
        List<Page> answers = together(racers, () -> action, target -> {
            // Each racer holds the session cookies of the code page, not the single sign-on
            // cookie the winner receives (with that, Keycloak would sign in by SSO, not by code).
            Browser racer = session.copy();
            return () -> keycloakRaces.note(racer.post(target, form));
        });
        int loggedIn = (int) answers.stream().filter(Page::loggedIn).count();
        if (loggedIn == 0) {
            answers.forEach(answer -> System.out.printf("Racer not signed in: HTTP %d %s%n", answer.status(),
                    answer.text().substring(0, Math.min(120, answer.text().length()))));
        }
        return loggedIn;
    }

    /** Whether the step checked the submitted code (rather than Keycloak bouncing a stale request). */
    private static boolean checked(Page answer) {
        String text = answer.text();
        return text.contains(WRONG_CODE) || text.contains("Too many wrong codes. Request a new code.")
                || text.contains("There is no valid code. Request a new code.");
    }

    /** Prepares {@code racers} requests (each with its own cookies), starts them at once, returns their answers. */
    private static List<Page> together(int racers, Supplier<String> targets,
            Function<String, Callable<Page>> racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Page>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Page> request = racer.apply(targets.get());
                results.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Page> answers = new ArrayList<>();
            for (Future<Page> result : results) {
                answers.add(result.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
