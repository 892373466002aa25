//! The floor of the first frame, for `scripts/bench_side.py`: a bare
//! ratatui program (one bordered paragraph on the whole screen), built with
//! this project's release profile and dependencies. What atelier's first
//! frame costs beyond it is atelier's own work. Any key ends it.

use ratatui::crossterm::event::{self, Event};
use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let drawn = terminal.draw(|frame| {
        let text = Paragraph::new("Comment établir des partenariats ?").block(Block::bordered().title("atelier"));
        frame.render_widget(text, frame.area());
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
