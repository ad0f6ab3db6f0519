module example.com/vendored

go 1.22

require example.com/quote v1.2.0
