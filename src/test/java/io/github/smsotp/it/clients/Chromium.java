package io.github.smsotp.it.clients;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.RequiredTool;
import io.github.smsotp.it.harness.TestFiles;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium, driven by its own chromedriver (see {@link RequiredTool}). */
public final class Chromium implements AutoCloseable {

    private static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    /** Where screenshots go; {@code mvn verify -Dscreenshots=docs/screenshots} refreshes those in the docs. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir",
            KeycloakServer.runDir().resolve("screenshots").toString()));

    /** Generous: a busy 2-core machine runs Keycloak and the browser side by side. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String INSTALL = "apt-get install chromium chromium-driver";

    /** What Chromium answers, instead of a stale element, while a page is being replaced. */
    private static final List<String> PAGE_BEING_REPLACED = List.of(
            "does not belong to the document", "no such execution context", "document unloaded",
            "Execution context was destroyed", "Cannot find context with specified id");

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser (own profile, no cookies) with a desktop-sized window and the given UI language. */
    public static Chromium start(String language) throws IOException {
        return start(language, null);
    }

    /**
     * As {@link #start(String)}, as a phone: a 375 x 667 screen (CSS pixels) with touch and a mobile
     * browser's user agent, where most users type their codes.
     */
    public static Chromium startPhone(String language) throws IOException {
        return start(language, Map.of(
                "deviceMetrics", Map.of("width", 375, "height", 667, "pixelRatio", 2.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/131.0.0.0 Mobile Safari/537.36"));
    }

    private static Chromium start(String language, Map<String, Object> phone) throws IOException {
        RequiredTool.find(INSTALL, BROWSER);
        RequiredTool.find(INSTALL, DRIVER);
        Path profile = Files.createTempDirectory("sms-otp-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        // The closed network: no background, update or sync traffic; only the pages under test.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=" + language,
                "--window-size=1100,900");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        if (phone != null) {
            options.setExperimentalOption("mobileEmulation", phone);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (phone == null) {
            driver.manage().window().setSize(new Dimension(1100, 900));
        }
        return new Chromium(driver, profile);
    }

    public void open(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /**
     * Waits until an element is visible, as a user would before acting. Page transitions are awaited
     * by {@link #submit}; an element found on a page being replaced is looked up again, never used.
     */
    public WebElement await(By locator) {
        return waitFor(locator.toString(), ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until nothing matching the locator is visible any more (a dialog closed, a menu folded). */
    public void awaitGone(By locator) {
        waitFor(locator + " gone", ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    /**
     * Waits until the page shows a text anywhere (for the JavaScript-rendered consoles). Reads the
     * text in the page itself, holding no element that a replaced page could make stale.
     */
    public void awaitText(String text) {
        waitFor("text '" + text + "'", d -> pageText().contains(text));
    }

    /** Waits for a condition; a timeout names what was awaited and what the page showed instead. */
    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        try {
            // A page may be replaced between finding an element and reading it: then try again.
            return new WebDriverWait(driver, TIMEOUT).ignoring(StaleElementReferenceException.class)
                    .until(d -> retriedWhilePageIsReplaced(d, condition));
        } catch (TimeoutException e) {
            Path shot = screenshot("timeout-" + System.currentTimeMillis());
            throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for " + what + " at "
                    + driver.getCurrentUrl() + " (screenshot: " + shot + "); the page showed: " + pageText(), e);
        }
    }

    /**
     * Chromium does not always report a replaced page as a stale element: while the old document is
     * torn down it may answer "Node with given id does not belong to the document", or find no
     * context to run a script in. Those answers mean "not yet", like a stale element.
     */
    private static <T> T retriedWhilePageIsReplaced(WebDriver driver, Function<WebDriver, T> condition) {
        try {
            return condition.apply(driver);
        } catch (StaleElementReferenceException e) {
            throw e;
        } catch (WebDriverException e) {
            String message = String.valueOf(e.getMessage());
            if (PAGE_BEING_REPLACED.stream().anyMatch(message::contains)) {
                return null;
            }
            throw e;
        }
    }

    /** Scrolls the element showing {@code text} to the middle of the window, as a user would to read it. */
    public void reveal(String text) {
        By showing = By.xpath("//*[text()[contains(., '" + text + "')]]");
        waitFor("'" + text + "' in view", d -> d instanceof JavascriptExecutor js
                ? js.executeScript("arguments[0].scrollIntoView({block: 'center'}); return true;", d.findElement(showing))
                : null);
    }

    /** Everything the page shows as text (empty while no document is loaded). */
    public String pageText() {
        Object text = driver.executeScript("return document.body ? document.body.innerText : '';");
        return text == null ? "" : text.toString();
    }

    public void type(By field, String text) {
        waitFor("typing into " + field, d -> {
            WebElement element = ExpectedConditions.visibilityOfElementLocated(field).apply(d);
            if (element == null) {
                return null;
            }
            element.clear();
            element.sendKeys(text);
            return true;
        });
    }

    /**
     * Clicks something that stays on the page (a link of a JavaScript console, a menu); while a toast
     * or a closing dialog still covers it, tries again.
     */
    public void click(By locator) {
        waitFor("clicking " + locator, d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
            if (element == null) {
                return null;
            }
            try {
                element.click();
            } catch (ElementClickInterceptedException covered) {
                return null;
            }
            return true;
        });
    }

    /**
     * Clicks a button that submits a form and waits until the browser has replaced the page and
     * loaded the answer, so that nothing read next comes from the page that was left.
     */
    public void submit(By button) {
        // A new document comes with a new window object, so the mark is gone once the page is replaced.
        driver.executeScript("window.smsOtpPageLeft = true;");
        // Clicked once, outside any retry: a second click could submit the page that follows.
        waitFor("clicking " + button, ExpectedConditions.elementToBeClickable(button)).click();
        waitFor("the page after " + button + " to load", d -> d instanceof JavascriptExecutor js
                && Boolean.TRUE.equals(js.executeScript(
                        "return window.smsOtpPageLeft === undefined && document.readyState === 'complete';")));
    }

    /** The text of a visible element, read in the same attempt that found it. */
    public String text(By locator) {
        return waitFor(locator.toString(), d -> {
            WebElement element = ExpectedConditions.visibilityOfElementLocated(locator).apply(d);
            return element == null ? null : element.getText();
        });
    }

    /** Runs an asynchronous script (its last argument is the callback) and answers the strings it called back with. */
    @SuppressWarnings("unchecked")
    public List<String> runAsync(String script) {
        driver.manage().timeouts().scriptTimeout(TIMEOUT);
        return (List<String>) driver.executeAsyncScript(script);
    }

    /** Waits until {@code script} returns a non-empty text, and answers it (for what is not visible, like live regions). */
    public String awaitScript(String script) {
        return waitFor("a value from " + script, d -> {
            Object value = ((JavascriptExecutor) d).executeScript(script);
            return value == null || value.toString().isEmpty() ? null : value.toString();
        });
    }

    /** Whether the page fits the window's width: nothing to scroll sideways. */
    public boolean fitsTheWidth() {
        return Boolean.TRUE.equals(driver.executeScript(
                "return document.scrollingElement.scrollWidth <= window.innerWidth;"));
    }

    /** Saves what the user sees as {@code <name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        driver.quit();
        TestFiles.deleteTree(profile);
    }
}
