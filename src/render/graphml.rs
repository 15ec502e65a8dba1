//! The accusation network as GraphML, the graph format Gephi, Cytoscape, yEd and NetworkX read:
//! one node per actor (or side) with its label, side and country, one directed edge per relation
//! and ordered pair with its weight (the number of acts) and the acts themselves.

use crate::events::network::Network;
use std::io::{self, Write};

/// The attributes declared for nodes and edges: (id, for, name, type).
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("side", "node", "side", "string"),
    ("side_label", "node", "side_label", "string"),
    ("country", "node", "country", "string"),
    ("relation", "edge", "relation", "string"),
    ("weight", "edge", "weight", "int"),
    ("acts", "edge", "acts", "string"),
];

pub fn write(out: &mut dyn Write, network: &Network) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, on, name, kind) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{on}" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="claimgraph" edgedefault="directed">"#)?;
    for n in &network.nodes {
        writeln!(out, r#"    <node id="{}">"#, escape(&n.id))?;
        for (key, value) in [
            ("label", &n.label),
            ("side", &n.side),
            ("side_label", &n.side_label),
            ("country", &n.country),
        ] {
            writeln!(out, r#"      <data key="{key}">{}</data>"#, escape(value))?;
        }
        writeln!(out, "    </node>")?;
    }
    for (i, e) in network.edges.iter().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            escape(&network.nodes[e.from].id),
            escape(&network.nodes[e.to].id)
        )?;
        writeln!(
            out,
            r#"      <data key="relation">{}</data>"#,
            e.relation.name
        )?;
        writeln!(out, r#"      <data key="weight">{}</data>"#, e.acts.len())?;
        writeln!(
            out,
            r#"      <data key="acts">{}</data>"#,
            escape(&e.acts.join("; "))
        )?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(escape(r#"a<b & "c""#), "a&lt;b &amp; &quot;c&quot;");
    }
}
