package io.github.smsotp.it.clients;

import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.it.clients.Browser.Page;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a person or a script can tell from a login page, field by field: status, title, messages,
 * every form with its fields and buttons, and the text. Per-session values (form addresses, hidden
 * codes) and one masked number (which the user typed and so knows) are left out.
 */
public record PageShape(int status, String title, List<String> forms, List<String> messages, String text) {

    private static final String MASKED = "\\+[0-9]{1,3} [\u2022 ]+[0-9]{4}";

    public static PageShape of(Page page) {
        Document html = page.html();
        List<String> forms = new ArrayList<>();
        for (Element form : html.select("form")) {
            StringBuilder shape = new StringBuilder(form.id()).append(':');
            for (Element field : form.select("input, button, select, textarea")) {
                shape.append(' ').append(field.tagName()).append('[').append(field.attr("type")).append(' ')
                        .append(field.attr("name")).append(' ').append(field.id()).append(' ')
                        .append(field.attr("type").equals("hidden") ? "" : field.attr("value"))
                        .append(' ').append(field.text()).append(']');
            }
            forms.add(shape.toString());
        }
        List<String> messages = html.select(".alert, .pf-v5-c-alert, [id^=input-error]").eachText();
        return new PageShape(page.status(), html.title(), forms, messages.stream().map(PageShape::unmasked).toList(),
                unmasked(html.body().text()));
    }

    private static String unmasked(String text) {
        return text.replaceAll(MASKED, "<number>");
    }
}
