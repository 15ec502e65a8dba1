//! Pictures as SVG, drawn with plotters (its SVG backend only): the escalation timeline between
//! two parties and the network of who accuses whom. Each receives its data (built in
//! `events::timeline` and `events::network`) and writes the SVG document to `out`.

use crate::error::{Error, Result};
use crate::events::network::{Network, RELATIONS};
use crate::events::timeline::{Measure, Point, Timeline};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::f64::consts::PI;
use std::io::Write;

const FONT: &str = "sans-serif";
const WIDTH: u32 = 1100;
/// The two directions of a timeline: the first party's acts, then the second's.
const DIRECTIONS: [RGBColor; 2] = [RGBColor(31, 119, 180), RGBColor(214, 96, 39)];
/// Side colours of the network's nodes, in the order sides are listed.
const SIDES: [RGBColor; 8] = [
    RGBColor(78, 121, 167),
    RGBColor(225, 129, 44),
    RGBColor(89, 161, 79),
    RGBColor(176, 122, 161),
    RGBColor(237, 201, 72),
    RGBColor(118, 183, 178),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];
/// Relation colours, in the order of `RELATIONS`.
const RELATION_COLOURS: [RGBColor; 5] = [
    RGBColor(200, 30, 30),
    RGBColor(40, 110, 200),
    RGBColor(120, 50, 160),
    RGBColor(20, 150, 110),
    RGBColor(230, 140, 0),
];
const GREY: RGBColor = RGBColor(120, 120, 120);

fn plot_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("drawing the picture: {e}"))
}

/// Writes an SVG document drawn by `draw` on a `WIDTH` × `height` canvas.
fn svg(
    out: &mut dyn Write,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<()>,
) -> Result<()> {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        draw(&root)?;
        root.present().map_err(plot_error)?;
    }
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<output>", e))
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn label(area: &Area<'_>, text: &str, at: (i32, i32), size: u32, pos: Pos) -> Result<()> {
    area.draw(&Text::new(
        text.to_owned(),
        at,
        TextStyle::from((FONT, size).into_font()).pos(pos),
    ))
    .map_err(plot_error)
}

const LEFT: Pos = Pos {
    h_pos: HPos::Left,
    v_pos: VPos::Center,
};

// --- The timeline --------------------------------------------------------------------------------

const CHART_HEIGHT: u32 = 460;
const LINE: u32 = 16;
const RADIUS: i32 = 9;

/// The escalation timeline: each act a numbered mark at its date and value, one colour and
/// shape per direction, filled when the text gives the day; a key lists every act by number.
pub fn timeline(out: &mut dyn Write, t: &Timeline) -> Result<()> {
    let key_top = CHART_HEIGHT + 20;
    let height = key_top + 3 * LINE + LINE * t.points.len() as u32 + 20;
    svg(out, height, |root| {
        let (chart_area, key_area) = root.split_vertically(key_top);
        draw_chart(&chart_area, t)?;
        draw_key(&key_area, t)
    })
}

fn draw_chart(area: &Area<'_>, t: &Timeline) -> Result<()> {
    let days: Vec<i64> = t
        .points
        .iter()
        .filter_map(|p| crate::dates::day_number(&p.date))
        .collect();
    let (first, last) = match (days.iter().min(), days.iter().max()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => (0, 0),
    };
    let pad = 1.0_f64.max((last - first) as f64 * 0.05);
    let x = (first as f64 - pad)..(last as f64 + pad);
    let measure = t.measure.unwrap_or(Measure::Goldstein);
    let (y, y_desc) = match measure {
        Measure::Goldstein => (
            -10.5..10.5,
            "Goldstein intensity (−10 conflict … +10 cooperation)",
        ),
        Measure::Quad => (0.5..4.5, "quad class"),
    };
    let title = format!(
        "{} ⇄ {}: their acts toward each other over time",
        t.parties[0], t.parties[1]
    );
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 20))
        .margin(12)
        .x_label_area_size(36)
        // Quad classes are named on the axis, which takes more room than numbers.
        .y_label_area_size(if measure == Measure::Quad { 140 } else { 70 })
        .build_cartesian_2d(x, y)
        .map_err(plot_error)?;
    let date_label = |d: &f64| crate::dates::day_text(d.round() as i64);
    let quad_label = |v: &f64| match v.round() as i64 {
        1 => "1 verbal coop.".to_owned(),
        2 => "2 material coop.".to_owned(),
        3 => "3 verbal conflict".to_owned(),
        4 => "4 material conflict".to_owned(),
        _ => String::new(),
    };
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(8)
        .x_label_formatter(&date_label)
        .y_desc(y_desc)
        .x_desc("date (a hollow mark: only date bounds are known, placed on the first)")
        .label_style((FONT, 12))
        .light_line_style(RGBColor(235, 235, 235));
    if measure == Measure::Quad {
        mesh.y_labels(4).y_label_formatter(&quad_label);
    }
    mesh.draw().map_err(plot_error)?;
    if measure == Measure::Goldstein {
        let (x0, x1) = (chart.x_range().start, chart.x_range().end);
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x0, 0.0), (x1, 0.0)],
                GREY.stroke_width(1),
            )))
            .map_err(plot_error)?;
    }
    let plotting = chart.plotting_area();
    let ideal: Vec<(i32, i32)> = t
        .points
        .iter()
        .map(|p| {
            let d = crate::dates::day_number(&p.date).unwrap_or(first);
            plotting.map_coordinate(&(d as f64, p.value))
        })
        .collect();
    let right = plotting.get_pixel_range().0.end;
    for (p, at) in t.points.iter().zip(spread(&ideal, right)) {
        mark(area, p, at)?;
    }
    Ok(())
}

/// Where each mark goes, in pixels: at its date and value, moved sideways (never up or down,
/// so the value reads true) as little as it takes not to cover a mark already placed: to the
/// right first, so that numbers run left to right, and to the left at the edge `right`.
fn spread(ideal: &[(i32, i32)], right: i32) -> Vec<(i32, i32)> {
    let gap = 2 * RADIUS + 2;
    let mut placed: Vec<(i32, i32)> = Vec::with_capacity(ideal.len());
    for &(x, y) in ideal {
        let free = |cx: i32| {
            placed
                .iter()
                .all(|&(px, py)| (px - cx).abs() >= gap || (py - y).abs() >= gap)
        };
        let to_the_right = (0..)
            .map(|k: i32| x + k * gap)
            .take_while(|cx| *cx <= right - RADIUS)
            .find(|cx| free(*cx));
        let cx = to_the_right.unwrap_or_else(|| {
            (1..)
                .map(|k: i32| x - k * gap)
                .find(|cx| free(*cx))
                .expect("a free place exists to the left")
        });
        placed.push((cx, y));
    }
    placed
}

/// One act's mark: a circle (first party's acts) or a square (the second's), with its number.
fn mark(area: &Area<'_>, p: &Point, (x, y): (i32, i32)) -> Result<()> {
    let colour = DIRECTIONS[p.direction];
    let style = if p.exact {
        colour.filled()
    } else {
        WHITE.filled()
    };
    let outline = colour.stroke_width(2);
    let r = RADIUS;
    if p.direction == 0 {
        area.draw(&Circle::new((x, y), r, style))
            .map_err(plot_error)?;
        area.draw(&Circle::new((x, y), r, outline))
            .map_err(plot_error)?;
    } else {
        area.draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], style))
            .map_err(plot_error)?;
        area.draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], outline))
            .map_err(plot_error)?;
    }
    if p.number == 0 {
        return Ok(());
    }
    let text_colour = if p.exact { WHITE } else { colour };
    area.draw(&Text::new(
        p.number.to_string(),
        (x, y),
        TextStyle::from((FONT, 10).into_font())
            .color(&text_colour)
            .pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(plot_error)
}

fn draw_key(area: &Area<'_>, t: &Timeline) -> Result<()> {
    let mut y = LINE as i32 / 2;
    for (d, (from, to)) in [(0, (0, 1)), (1, (1, 0))] {
        let x = 40 + d as i32 * 420;
        let p = Point {
            number: 0,
            date: String::new(),
            exact: true,
            direction: d,
            value: 0.0,
            text: String::new(),
        };
        mark(area, &p, (x, y))?;
        let text = format!("{} → {}", t.parties[from], t.parties[to]);
        label(area, &text, (x + 16, y), 13, LEFT)?;
    }
    y += LINE as i32 + 6;
    if t.points.is_empty() {
        label(area, "No dated acts between the two.", (40, y), 12, LEFT)?;
    }
    for p in &t.points {
        let text = format!("{:>3}. {}", p.number, p.text);
        area.draw(&Text::new(
            text,
            (28, y),
            TextStyle::from((FONT, 12).into_font())
                .color(&DIRECTIONS[p.direction])
                .pos(LEFT),
        ))
        .map_err(plot_error)?;
        y += LINE as i32;
    }
    if t.left_out > 0 {
        let text = format!(
            "{} more acts between the two have no date or no value.",
            t.left_out
        );
        label(area, &text, (28, y), 12, LEFT)?;
    }
    Ok(())
}

// --- The network ---------------------------------------------------------------------------------

const NETWORK_HEIGHT: u32 = 760;
const CENTRE: (f64, f64) = (550.0, 400.0);
const RING: f64 = 270.0;

/// The network: nodes on a ring, grouped and coloured by side; one arrow per relation and
/// direction, its colour the relation, its width and number the count of acts.
pub fn network(out: &mut dyn Write, n: &Network) -> Result<()> {
    let sides = n.sides();
    let key_lines = (RELATIONS.len() + sides.len() + 3) as u32;
    svg(out, NETWORK_HEIGHT + key_lines * LINE, |root| {
        let title = "Who accuses, denies, threatens, appeals to and makes demands of whom";
        label(
            root,
            title,
            (WIDTH as i32 / 2, 18),
            20,
            Pos::new(HPos::Center, VPos::Center),
        )?;
        let places = ring(n, &sides);
        let degree = |i: usize| -> usize {
            n.edges
                .iter()
                .filter(|e| e.from == i || e.to == i)
                .map(|e| e.acts.len())
                .sum()
        };
        let radius: Vec<f64> = (0..n.nodes.len())
            .map(|i| 7.0 + (degree(i) as f64).sqrt() * 2.5)
            .collect();
        for (k, e) in n.edges.iter().enumerate() {
            // Edges the other way sit on the other side of the pair's axis already.
            let parallel = n.edges[..k]
                .iter()
                .filter(|o| (o.from, o.to) == (e.from, e.to))
                .count();
            arrow(
                root,
                e,
                places[e.from],
                places[e.to],
                radius[e.to],
                parallel,
            )?;
        }
        for (i, node) in n.nodes.iter().enumerate() {
            let side = sides.iter().position(|(s, _)| *s == node.side).unwrap_or(0);
            let (x, y) = places[i];
            let at = (x.round() as i32, y.round() as i32);
            let r = radius[i].round() as i32;
            root.draw(&Circle::new(at, r, SIDES[side % SIDES.len()].filled()))
                .map_err(plot_error)?;
            root.draw(&Circle::new(at, r, BLACK.stroke_width(1)))
                .map_err(plot_error)?;
            node_label(root, &node.label, (x, y), radius[i])?;
        }
        network_key(root, &sides, NETWORK_HEIGHT as i32)
    })
}

/// Places on the ring, side by side, with a gap between sides.
fn ring(n: &Network, sides: &[(String, String)]) -> Vec<(f64, f64)> {
    let slots = n.nodes.len() + sides.len();
    let mut out = Vec::with_capacity(n.nodes.len());
    let mut slot = 0;
    let mut previous: Option<&str> = None;
    for node in &n.nodes {
        if previous.is_some_and(|p| p != node.side) {
            slot += 1;
        }
        previous = Some(&node.side);
        let angle = 2.0 * PI * slot as f64 / slots.max(1) as f64 - PI / 2.0;
        out.push((CENTRE.0 + RING * angle.cos(), CENTRE.1 + RING * angle.sin()));
        slot += 1;
    }
    out
}

/// An arrow from `a` to the rim of the node at `b`, bent aside when several join one pair.
fn arrow(
    area: &Area<'_>,
    e: &crate::events::network::Edge,
    a: (f64, f64),
    b: (f64, f64),
    target_radius: f64,
    parallel: usize,
) -> Result<()> {
    let colour = RELATION_COLOURS
        [RELATIONS.iter().position(|r| r == e.relation).unwrap_or(0) % RELATION_COLOURS.len()];
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / length, dy / length);
    // Each edge of a pair sits a little to its own right, so the two directions never overlap.
    let offset = 8.0 + 14.0 * parallel as f64;
    let (nx, ny) = (-uy * offset, ux * offset);
    let start = (a.0 + nx, a.1 + ny);
    let tip = (
        b.0 + nx - ux * (target_radius + 2.0),
        b.1 + ny - uy * (target_radius + 2.0),
    );
    let width = (1 + e.acts.len()).min(7) as u32;
    let px = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    let back = 10.0 + width as f64;
    let base = (tip.0 - ux * back, tip.1 - uy * back);
    area.draw(&PathElement::new(
        vec![px(start), px(base)],
        colour.mix(0.85).stroke_width(width),
    ))
    .map_err(plot_error)?;
    let half = 4.0 + width as f64 / 2.0;
    let head = vec![
        px(tip),
        px((base.0 - uy * half, base.1 + ux * half)),
        px((base.0 + uy * half, base.1 - ux * half)),
    ];
    area.draw(&Polygon::new(head, colour.filled()))
        .map_err(plot_error)?;
    if e.acts.len() > 1 {
        // On the arrow, a third of the way from its tail, on white: the two directions of a pair
        // are labelled at opposite ends, and the number stays legible over the line.
        let at = px((
            start.0 + (base.0 - start.0) * 0.3,
            start.1 + (base.1 - start.1) * 0.3,
        ));
        let text = e.acts.len().to_string();
        let half_width = 4 * text.len() as i32 + 3;
        area.draw(&Rectangle::new(
            [(at.0 - half_width, at.1 - 8), (at.0 + half_width, at.1 + 8)],
            WHITE.filled(),
        ))
        .map_err(plot_error)?;
        area.draw(&Text::new(
            text,
            at,
            TextStyle::from((FONT, 12).into_font())
                .color(&colour)
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))
        .map_err(plot_error)?;
    }
    Ok(())
}

/// A node's name outside the ring, on the side away from the centre.
fn node_label(area: &Area<'_>, text: &str, (x, y): (f64, f64), r: f64) -> Result<()> {
    let (dx, dy) = (x - CENTRE.0, y - CENTRE.1);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    let at = (
        (x + dx / length * (r + 6.0)).round() as i32,
        (y + dy / length * (r + 6.0)).round() as i32,
    );
    let h = if dx.abs() < 30.0 {
        HPos::Center
    } else if dx > 0.0 {
        HPos::Left
    } else {
        HPos::Right
    };
    let v = if dy.abs() < 30.0 {
        VPos::Center
    } else if dy > 0.0 {
        VPos::Top
    } else {
        VPos::Bottom
    };
    label(area, text, at, 13, Pos::new(h, v))
}

fn network_key(area: &Area<'_>, sides: &[(String, String)], top: i32) -> Result<()> {
    let mut y = top;
    label(
        area,
        "Arrows: who did what to whom; the number on an arrow counts its acts.",
        (40, y),
        13,
        LEFT,
    )?;
    for (relation, colour) in RELATIONS.iter().zip(RELATION_COLOURS) {
        y += LINE as i32;
        area.draw(&PathElement::new(
            vec![(40, y), (80, y)],
            colour.stroke_width(3),
        ))
        .map_err(plot_error)?;
        label(area, relation.label, (90, y), 12, LEFT)?;
    }
    y += LINE as i32 + 6;
    label(
        area,
        "Nodes: actors, coloured by the side they count for (where cg:affiliatedWith leads).",
        (40, y),
        13,
        LEFT,
    )?;
    for (i, (_, name)) in sides.iter().enumerate() {
        y += LINE as i32;
        area.draw(&Circle::new((60, y), 6, SIDES[i % SIDES.len()].filled()))
            .map_err(plot_error)?;
        label(area, name, (90, y), 12, LEFT)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(crate::dates::day_number("1970-01-01"), Some(0));
        assert_eq!(crate::dates::day_number("2025-10-29"), Some(20390));
        for d in ["2024-02-29", "2000-03-01", "1999-12-31", "2025-10-19"] {
            assert_eq!(
                crate::dates::day_text(crate::dates::day_number(d).unwrap()),
                d
            );
        }
    }

    #[test]
    fn marks_move_sideways_until_none_covers_another() {
        let ideal = [(100, 50), (100, 50), (100, 50), (100, 200), (104, 55)];
        let placed = spread(&ideal, 1000);
        for (i, a) in placed.iter().enumerate() {
            assert_eq!(a.1, ideal[i].1, "a mark moved off its value");
            for b in &placed[..i] {
                let apart =
                    (a.0 - b.0).abs() >= 2 * RADIUS + 2 || (a.1 - b.1).abs() >= 2 * RADIUS + 2;
                assert!(apart, "{a:?} covers {b:?}");
            }
        }
        assert_eq!(placed[0], (100, 50));
        assert_eq!(placed[1], (120, 50));
        assert_eq!(placed[3], (100, 200));
        // At the right edge, marks go left instead of off the picture.
        let edge = spread(&[(990, 50), (990, 50)], 1000);
        assert_eq!(edge, [(990, 50), (970, 50)]);
    }
}
