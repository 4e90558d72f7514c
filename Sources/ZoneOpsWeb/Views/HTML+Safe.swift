import Foundation
import Plot

/// Plot escapes text but not attribute values; every attribute carrying data goes through here.
enum Safe {
    static func attribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Node where Context: HTMLContext {
    /// An attribute whose value is escaped.
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: Safe.attribute(value))
    }
}

extension Node where Context == HTML.BodyContext {
    /// A link whose href is escaped.
    static func link(_ href: String, _ label: String, class className: String? = nil) -> Node {
        .element(named: "a", nodes: [.attr("href", href), className.map { .attr("class", $0) } ?? .empty, .text(label)])
    }
}

/// Form fields with labels and escaped values. A field with an `error` is marked (class
/// `invalid`, `aria-invalid`) and says what is wrong right under itself.
enum Field {
    static func text(_ name: String, label: String, value: String = "", type: String = "text",
                     required: Bool = false, hint: String? = nil, autocomplete: String? = nil,
                     error: String? = nil) -> Node<HTML.BodyContext> {
        .div(.class(error == nil ? "field" : "field invalid"),
             .element(named: "label", nodes: [.attr("for", name), .text(label)]),
             .selfClosedElement(named: "input", attributes: [
                Attribute(name: "id", value: Safe.attribute(name)),
                Attribute(name: "name", value: Safe.attribute(name)),
                Attribute(name: "type", value: type),
                Attribute(name: "value", value: Safe.attribute(value)),
                Attribute(name: "autocomplete", value: autocomplete),
                Attribute(name: "required", value: required ? "required" : nil),
                Attribute(name: "aria-invalid", value: error == nil ? nil : "true"),
                Attribute(name: "aria-describedby", value: error == nil ? nil : Safe.attribute(name + "-error")),
             ]),
             problem(name, error),
             .unwrap(hint) { .element(named: "small", nodes: [.class("hint"), .text($0)]) })
    }

    /// The message under a refused field.
    static func problem(_ name: String, _ error: String?) -> Node<HTML.BodyContext> {
        .unwrap(error) { .element(named: "small", nodes: [.class("field-error"), .attr("id", name + "-error"), .text($0)]) }
    }

    static func select(_ name: String, label: String, options: [(value: String, label: String)],
                       selected: String?, error: String? = nil) -> Node<HTML.BodyContext> {
        .div(.class(error == nil ? "field" : "field invalid"),
             .element(named: "label", nodes: [.attr("for", name), .text(label)]),
             problem(name, error),
             .element(named: "select", nodes: [.attr("id", name), .attr("name", name),
                                               error == nil ? .empty : .attr("aria-invalid", "true")] + options.map { option in
                 .element(named: "option", nodes: [
                     // An empty value must still be written, or the browser sends the label instead.
                     .attribute(Attribute(name: "value", value: Safe.attribute(option.value), ignoreIfValueIsEmpty: false)),
                     option.value == selected ? .attribute(named: "selected", value: "selected") : .empty,
                     .text(option.label),
                 ])
             }))
    }

    static func textarea(_ name: String, label: String, value: String = "", required: Bool = false, rows: Int = 4,
                         hint: String? = nil, error: String? = nil) -> Node<HTML.BodyContext> {
        .div(.class(error == nil ? "field" : "field invalid"),
             .element(named: "label", nodes: [.attr("for", name), .text(label)]),
             .element(named: "textarea", nodes: [
                .attr("id", name), .attr("name", name), .attr("rows", String(rows)),
                required ? .attr("required", "required") : .empty,
                error == nil ? .empty : .attr("aria-invalid", "true"),
                .text(value),
             ]),
             problem(name, error),
             .unwrap(hint) { .element(named: "small", nodes: [.class("hint"), .text($0)]) })
    }

    static func checkbox(_ name: String, label: String, checked: Bool = false) -> Node<HTML.BodyContext> {
        .div(.class("field check"),
             .element(named: "label", nodes: [
                .selfClosedElement(named: "input", attributes: [
                    Attribute(name: "type", value: "checkbox"), Attribute(name: "name", value: Safe.attribute(name)),
                    Attribute(name: "value", value: "true"), Attribute(name: "checked", value: checked ? "checked" : nil),
                ]),
                .text(" " + label),
             ]))
    }

    static func hidden(_ name: String, _ value: String) -> Node<HTML.BodyContext> {
        .selfClosedElement(named: "input", attributes: [
            Attribute(name: "type", value: "hidden"),
            Attribute(name: "name", value: Safe.attribute(name)),
            Attribute(name: "value", value: Safe.attribute(value)),
        ])
    }

    static func csrf(_ token: String) -> Node<HTML.BodyContext> { hidden("_csrf", token) }

    /// A POST form with its CSRF token.
    static func form(_ action: String, csrf: String, _ nodes: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
        .element(named: "form", nodes: [.attr("method", "post"), .attr("action", action), Field.csrf(csrf)] + nodes)
    }

    static func submit(_ label: String, style: String = "primary") -> Node<HTML.BodyContext> {
        .element(named: "button", nodes: [.attr("type", "submit"), .attr("class", "button \(style)"), .text(label)])
    }
}
