package ocr

import "testing"

func TestProposeMessage(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  Proposal
	}{
		{"iOS number", []string{"09:41 4G 100%", "< 07700 900456 >", "Text Message", "Mon 8 Jun, 09:00", "",
			"Dear Maureen, vote for", "your local candidate.", "", "Polls open 7am.", "", "Delivered"},
			Proposal{From: "07700 900456", At: "Mon 8 Jun, 09:00", Body: "Dear Maureen, vote for your local candidate.\nPolls open 7am."}},
		{"iOS named sender", []string{"09:41", "<", "Northfield Forward >", "Text Message", "Today 09:00", "",
			"Vote on Thursday."},
			Proposal{From: "Northfield Forward", At: "Today 09:00", Body: "Vote on Thursday."}},
		{"Android stamp under bubble", []string{"← +44 7700 900456", "", "Hi Maureen, your", "candidate needs you", "",
			"08/06/2015 09:00"},
			Proposal{From: "+44 7700 900456", At: "08/06/2015 09:00", Body: "Hi Maureen, your candidate needs you"}},
		{"labelled export", []string{"From: Northfield Forward", "To: 07700 900123", "Sent: Monday, 8 June 2015 at 09:00", "",
			"Vote on Thursday."},
			Proposal{From: "Northfield Forward", At: "Monday, 8 June 2015 at 09:00", Body: "Vote on Thursday.", To: "07700 900123"}},
		{"month first, 12-hour", []string{"VoteNow", "Jun 8, 2015, 9:00 AM", "", "Polling day!"},
			Proposal{From: "VoteNow", At: "Jun 8, 2015, 9:00 AM", Body: "Polling day!"}},
		{"no stamp", []string{"07700 900456", "", "hello there"},
			Proposal{From: "07700 900456", At: "", Body: "hello there"}},
		{"recipient above sender", []string{"To: 07700 900123", "Northfield Forward", "Today 09:00", "Vote!"},
			Proposal{From: "Northfield Forward", At: "Today 09:00", Body: "Vote!", To: "07700 900123"}},
		{"no stamp, named sender", []string{"09:41 100%", "< Northfield Forward", "", "hello there", "second line"},
			Proposal{From: "Northfield Forward", Body: "hello there second line"}},
		{"nothing", nil, Proposal{}},
	}
	for _, tt := range tests {
		if got := ProposeMessage(layout(tt.lines...)); got != tt.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}
