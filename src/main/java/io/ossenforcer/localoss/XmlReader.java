package io.ossenforcer.localoss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** A parsed request body (CompleteMultipartUpload, Tagging, ...). Any parse failure is OSS's {@code MalformedXML}. */
final class XmlReader {
    private final Element element;

    private XmlReader(Element element) {
        this.element = element;
    }

    /** Parses {@code body} and checks that its root element is {@code rootName}. No DTDs, no external entities. */
    static XmlReader parse(byte[] body, String rootName) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
            if (!root.getTagName().equals(rootName)) {
                throw OssError.malformedXml();
            }
            return new XmlReader(root);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw OssError.malformedXml();
        }
    }

    List<XmlReader> children(String name) {
        List<XmlReader> result = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                result.add(new XmlReader((Element) n));
            }
        }
        return result;
    }

    Optional<XmlReader> child(String name) {
        List<XmlReader> all = children(name);
        if (all.size() > 1) {
            throw OssError.malformedXml();
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The text of the single child {@code name}; missing is {@code MalformedXML}. */
    String text(String name) {
        return child(name).orElseThrow(OssError::malformedXml).text();
    }

    String text() {
        return element.getTextContent();
    }
}
