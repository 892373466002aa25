//! The floor of the first frame, for `scripts/bench_side.py`: a bare
//! ratatui program (one bordered paragraph on the whole screen), built with
//! this project's release profile and dependencies. What atelier's first
//! frame costs beyond it is atelier's own work. With `--themed`, every cell
//! carries a colour and a background, as every cell of atelier's themes
//! does (the dark theme's, on a 256-colour terminal). Any key ends it.

use ratatui::crossterm::event::{self, Event};
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let themed = std::env::args().nth(1).as_deref() == Some("--themed");
    let style = if themed { Style::new().fg(Color::Indexed(249)).bg(Color::Indexed(23)) } else { Style::new() };
    let mut terminal = ratatui::init();
    let drawn = terminal.draw(|frame| {
        let text = Paragraph::new("Comment établir des partenariats ?").block(Block::bordered().title("atelier"));
        frame.render_widget(text.style(style), frame.area());
    });
    let read = loop {
        match event::read() {
            Ok(Event::Key(_)) => break Ok(()),
            Ok(_) => {}
            Err(error) => break Err(error),
        }
    };
    ratatui::restore();
    drawn.map(drop).and(read)
}
