#include "core/admin/XmlElement.h"

#include "core/admin/AtomNamespaces.h"

#include <QHash>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace busbar {

namespace {

constexpr qsizetype kMaxDepth = 64;

// In-scope prefix -> namespace declarations, innermost last.
using Scope = QList<QHash<QString, QString>>;

QString resolvePrefix(const Scope& scope, const QString& prefix) {
    for (auto it = scope.crbegin(); it != scope.crend(); ++it) {
        const auto found = it->constFind(prefix);
        if (found != it->constEnd()) {
            return *found;
        }
    }
    return {};
}

} // namespace

Result<XmlElement> XmlElement::parse(const QByteArray& document) {
    QXmlStreamReader reader(document);
    QList<XmlElement> stack;
    Scope scope;
    std::optional<XmlElement> root;

    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            // The tree is freed recursively: bound the depth a hostile body can force.
            if (stack.size() >= kMaxDepth) {
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("The XML nests more than %1 elements deep (line %2).")
                                .arg(kMaxDepth)
                                .arg(reader.lineNumber()));
            }
            QHash<QString, QString> declarations;
            for (const auto& declaration : reader.namespaceDeclarations()) {
                declarations.insert(declaration.prefix().toString(),
                                    declaration.namespaceUri().toString());
            }
            scope.append(declarations);

            XmlElement element;
            element.namespaceUri = reader.namespaceUri().toString();
            element.name = reader.name().toString();
            for (const auto& attribute : reader.attributes()) {
                const QString value = attribute.value().toString();
                if (attribute.namespaceUri() == atom::kXsiNs && attribute.name() == u"type") {
                    const auto colon = value.indexOf(u':');
                    element.typeName = colon < 0 ? value : value.mid(colon + 1);
                    element.typeNamespace =
                        resolvePrefix(scope, colon < 0 ? QString() : value.left(colon));
                } else if (attribute.namespaceUri() == atom::kXsiNs && attribute.name() == u"nil") {
                    element.isNil = value.trimmed().compare(u"true", Qt::CaseInsensitive) == 0;
                } else {
                    element.attributes.append({attribute.name().toString(), value});
                }
            }
            stack.append(std::move(element));
        } else if (token == QXmlStreamReader::EndElement) {
            XmlElement done = stack.takeLast();
            scope.removeLast();
            if (stack.isEmpty()) {
                root = std::move(done);
            } else {
                stack.last().children.append(std::move(done));
            }
        } else if (token == QXmlStreamReader::Characters && !stack.isEmpty()) {
            stack.last().text += reader.text();
        }
    }
    if (reader.hasError()) {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The XML is not well-formed: %1 (line %2, column %3).")
                        .arg(reader.errorString())
                        .arg(reader.lineNumber())
                        .arg(reader.columnNumber()));
    }
    if (!root) {
        return fail(ErrorCode::InvalidInput, QStringLiteral("The XML document is empty."));
    }
    return std::move(*root);
}

const XmlElement* XmlElement::child(QLatin1StringView localName) const {
    for (const auto& element : children) {
        if (element.name == localName) {
            return &element;
        }
    }
    return nullptr;
}

QString XmlElement::attribute(QLatin1StringView localName) const {
    for (const auto& [name, value] : attributes) {
        if (name == localName) {
            return value;
        }
    }
    return {};
}

void XmlElement::write(QXmlStreamWriter& writer) const {
    if (namespaceUri.isEmpty()) {
        writer.writeStartElement(name);
    } else {
        writer.writeStartElement(namespaceUri, name);
    }
    for (const auto& [attributeName, value] : attributes) {
        writer.writeAttribute(attributeName, value);
    }
    if (!typeName.isEmpty()) {
        QString qualified = typeName;
        if (!typeNamespace.isEmpty()) {
            writer.writeNamespace(typeNamespace, QStringLiteral("d6p1"));
            qualified = QStringLiteral("d6p1:") + typeName;
        }
        writer.writeAttribute(atom::kXsiNs, QLatin1StringView("type"), qualified);
    }
    if (isNil) {
        writer.writeAttribute(atom::kXsiNs, QLatin1StringView("nil"), QLatin1StringView("true"));
    }
    if (children.isEmpty()) {
        writer.writeCharacters(text);
    }
    for (const auto& child : children) {
        child.write(writer);
    }
    writer.writeEndElement();
}

} // namespace busbar
