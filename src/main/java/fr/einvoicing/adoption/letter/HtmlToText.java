package fr.einvoicing.adoption.letter;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The plain-text part of a mail, derived from its HTML so that both always say the same. */
public final class HtmlToText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "li", "tr", "table", "ul", "ol");

    private HtmlToText() {}

    public static String convert(String html) {
        Element body = Jsoup.parse(html).body();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            String t = text.text().replaceAll("\\s+", " ");
                            if (!t.isBlank() || (out.length() > 0 && out.charAt(out.length() - 1) != '\n')) {
                                out.append(t);
                            }
                        } else if (node instanceof Element e) {
                            if (e.normalName().equals("li")) {
                                newLine(out);
                                out.append("- ");
                            } else if (e.normalName().equals("br")) {
                                out.append('\n');
                            } else if (BLOCKS.contains(e.normalName())) {
                                newLine(out);
                            }
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element e) {
                            if (e.normalName().equals("a")) {
                                String href = e.attr("href");
                                if (!href.isBlank() && !e.text().contains(href) && !href.startsWith("mailto:")) {
                                    out.append(" (").append(href).append(')');
                                }
                            } else if (BLOCKS.contains(e.normalName())
                                    || e.normalName().matches("h\\d")) {
                                newLine(out);
                                if (!e.normalName().equals("li")) {
                                    out.append('\n');
                                }
                            }
                        }
                    }
                },
                body);
        return out.toString()
                        .replaceAll("[ \\t]+\\n", "\n")
                        .replaceAll("\\n{3,}", "\n\n")
                        .trim() + "\n";
    }

    private static void newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
